package atlas.cql2;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

/** Reads the CQL2 text encoding with the ANTLR parser generated from Cql2.g4. */
public final class Cql2Text {
    private Cql2Text() {
    }

    public static Expr parse(String text) {
        Literals.checkSize(text);
        Cql2Lexer lexer = new Cql2Lexer(CharStreams.fromString(text));
        Cql2Parser parser = new Cql2Parser(new CommonTokenStream(lexer));
        BaseErrorListener fail = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int column, String msg, RecognitionException e) {
                String near = symbol instanceof Token t && t.getType() != Token.EOF ? " near '" + clip(t.getText()) + "'"
                        : symbol instanceof Token ? " at the end" : "";
                throw new Cql2Exception(position(line, column), "syntax error" + near + " (" + msg + ")");
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(fail);
        parser.removeErrorListeners();
        parser.addErrorListener(fail);
        Cql2Parser.FilterContext tree;
        try {
            tree = parser.filter();
        } catch (StackOverflowError e) {
            throw new Cql2Exception("", "the filter is nested too deeply");
        }
        return new Builder().visit(tree);
    }

    private static String position(int line, int column) {
        return "line " + line + ", column " + (column + 1);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    static String at(ParserRuleContext ctx) {
        return position(ctx.getStart().getLine(), ctx.getStart().getCharPositionInLine());
    }

    /** Turns the parse tree into Expr nodes, checking literals as it goes. */
    private static final class Builder extends Cql2BaseVisitor<Expr> {
        @Override
        public Expr visitFilter(Cql2Parser.FilterContext ctx) {
            return visit(ctx.orExpr());
        }

        @Override
        public Expr visitOrExpr(Cql2Parser.OrExprContext ctx) {
            List<Expr> args = ctx.andExpr().stream().map(this::visit).toList();
            return args.size() == 1 ? args.get(0) : new Expr.Or(args, at(ctx));
        }

        @Override
        public Expr visitAndExpr(Cql2Parser.AndExprContext ctx) {
            List<Expr> args = ctx.notExpr().stream().map(this::visit).toList();
            return args.size() == 1 ? args.get(0) : new Expr.And(args, at(ctx));
        }

        @Override
        public Expr visitNotExpr(Cql2Parser.NotExprContext ctx) {
            return ctx.NOT() != null ? new Expr.Not(visit(ctx.notExpr()), at(ctx)) : visit(ctx.primary());
        }

        @Override
        public Expr visitGrouped(Cql2Parser.GroupedContext ctx) {
            return visit(ctx.orExpr());
        }

        @Override
        public Expr visitComparison(Cql2Parser.ComparisonContext ctx) {
            return new Expr.Compare(ctx.comparisonOp().getText(), visit(ctx.operand(0)), visit(ctx.operand(1)), at(ctx));
        }

        private static Expr negated(boolean not, Expr e, ParserRuleContext ctx) {
            return not ? new Expr.Not(e, at(ctx)) : e;
        }

        @Override
        public Expr visitLike(Cql2Parser.LikeContext ctx) {
            return negated(ctx.NOT() != null, new Expr.Like(visit(ctx.operand(0)), visit(ctx.operand(1)), at(ctx)), ctx);
        }

        @Override
        public Expr visitBetween(Cql2Parser.BetweenContext ctx) {
            return negated(ctx.NOT() != null, new Expr.Between(visit(ctx.operand(0)), visit(ctx.operand(1)),
                    visit(ctx.operand(2)), at(ctx)), ctx);
        }

        @Override
        public Expr visitInList(Cql2Parser.InListContext ctx) {
            List<Expr> list = ctx.operand().subList(1, ctx.operand().size()).stream().map(this::visit).toList();
            return negated(ctx.NOT() != null, new Expr.In(visit(ctx.operand(0)), list, at(ctx)), ctx);
        }

        @Override
        public Expr visitIsNull(Cql2Parser.IsNullContext ctx) {
            return negated(ctx.NOT() != null, new Expr.IsNull(visit(ctx.operand()), at(ctx)), ctx);
        }

        @Override
        public Expr visitSpatial(Cql2Parser.SpatialContext ctx) {
            return new Expr.Spatial(ctx.SPATIAL_OP().getText().toLowerCase(), visit(ctx.operand(0)), visit(ctx.operand(1)), null, at(ctx));
        }

        @Override
        public Expr visitDistance(Cql2Parser.DistanceContext ctx) {
            return new Expr.Spatial("s_dwithin", visit(ctx.operand(0)), visit(ctx.operand(1)), visit(ctx.operand(2)), at(ctx));
        }

        @Override
        public Expr visitTemporal(Cql2Parser.TemporalContext ctx) {
            return new Expr.Temporal(ctx.TEMPORAL_OP().getText().toLowerCase(), visit(ctx.operand(0)), visit(ctx.operand(1)), at(ctx));
        }

        @Override
        public Expr visitArrayPredicate(Cql2Parser.ArrayPredicateContext ctx) {
            return new Expr.ArrayPredicate(ctx.ARRAY_OP().getText().toLowerCase(), visit(ctx.operand(0)), visit(ctx.operand(1)), at(ctx));
        }

        @Override
        public Expr visitBooleanPrimary(Cql2Parser.BooleanPrimaryContext ctx) {
            return new Expr.Bool(ctx.booleanLiteral().TRUE() != null, at(ctx));
        }

        @Override
        public Expr visitBooleanOperand(Cql2Parser.BooleanOperandContext ctx) {
            return visit(ctx.operand());
        }

        @Override
        public Expr visitCasei(Cql2Parser.CaseiContext ctx) {
            return new Expr.CaseInsensitive(visit(ctx.operand()), at(ctx));
        }

        @Override
        public Expr visitGeometry(Cql2Parser.GeometryContext ctx) {
            try {
                return new Expr.Shape(Literals.valid(geometry(ctx.geometryLiteral()), at(ctx)), at(ctx));
            } catch (IllegalArgumentException e) {
                throw new Cql2Exception(at(ctx), "not a valid geometry: " + e.getMessage());
            }
        }

        @Override
        public Expr visitDate(Cql2Parser.DateContext ctx) {
            return new Expr.Instant(Literals.year(Literals.unquote(ctx.STRING().getText()), false, at(ctx)), at(ctx));
        }

        @Override
        public Expr visitTimestamp(Cql2Parser.TimestampContext ctx) {
            return new Expr.Instant(Literals.year(Literals.unquote(ctx.STRING().getText()), true, at(ctx)), at(ctx));
        }

        @Override
        public Expr visitInterval(Cql2Parser.IntervalContext ctx) {
            return new Expr.Interval(Literals.intervalEnd(visit(ctx.operand(0))), Literals.intervalEnd(visit(ctx.operand(1))), at(ctx));
        }

        @Override
        public Expr visitArrayLiteral(Cql2Parser.ArrayLiteralContext ctx) {
            return new Expr.ArrayLiteral(ctx.operand().stream().map(this::visit).toList(), at(ctx));
        }

        @Override
        public Expr visitString(Cql2Parser.StringContext ctx) {
            return new Expr.Text(Literals.text(Literals.unquote(ctx.STRING().getText()), at(ctx)), at(ctx));
        }

        @Override
        public Expr visitNumber(Cql2Parser.NumberContext ctx) {
            return new Expr.Number(Literals.number(ctx.getText(), at(ctx)), at(ctx));
        }

        @Override
        public Expr visitBoolean(Cql2Parser.BooleanContext ctx) {
            return new Expr.Bool(ctx.booleanLiteral().TRUE() != null, at(ctx));
        }

        @Override
        public Expr visitProperty(Cql2Parser.PropertyContext ctx) {
            String name = ctx.identifier().getText();
            if (name.startsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new Expr.Property(name, at(ctx));
        }

        private Geometry geometry(Cql2Parser.GeometryLiteralContext g) {
            if (g instanceof Cql2Parser.PointContext p) {
                return Literals.GEOMETRY.createPoint(coordinate(p.coordinate()));
            }
            if (g instanceof Cql2Parser.LineStringContext l) {
                return Literals.GEOMETRY.createLineString(coordinates(l.coordinateList()));
            }
            if (g instanceof Cql2Parser.PolygonContext p) {
                return polygon(p.ringList());
            }
            if (g instanceof Cql2Parser.MultiPointContext m) {
                return Literals.GEOMETRY.createMultiPointFromCoords(m.multiPointMember().stream()
                        .map(x -> coordinate(x.coordinate())).toArray(Coordinate[]::new));
            }
            if (g instanceof Cql2Parser.MultiLineStringContext m) {
                return Literals.GEOMETRY.createMultiLineString(m.coordinateLists().coordinateList().stream()
                        .map(l -> Literals.GEOMETRY.createLineString(coordinates(l))).toArray(org.locationtech.jts.geom.LineString[]::new));
            }
            if (g instanceof Cql2Parser.MultiPolygonContext m) {
                return Literals.GEOMETRY.createMultiPolygon(m.ringList().stream().map(this::polygon).toArray(Polygon[]::new));
            }
            if (g instanceof Cql2Parser.CollectionContext c) {
                return Literals.GEOMETRY.createGeometryCollection(c.geometryLiteral().stream().map(this::geometry).toArray(Geometry[]::new));
            }
            Cql2Parser.EnvelopeContext e = (Cql2Parser.EnvelopeContext) g;
            List<Double> n = e.signedNumber().stream().map(x -> Literals.coordinate(x.getText(), at(x))).toList();
            // BBOX(minx, miny, maxx, maxy) or with heights: (minx, miny, minz, maxx, maxy, maxz).
            int hi = n.size() == 6 ? 3 : 2;
            return Literals.box(n.get(0), n.get(1), n.get(hi), n.get(hi + 1), at(e));
        }

        private Polygon polygon(Cql2Parser.RingListContext rings) {
            List<LinearRing> all = new ArrayList<>();
            for (Cql2Parser.CoordinateListContext r : rings.coordinateList()) {
                all.add(Literals.GEOMETRY.createLinearRing(coordinates(r)));
            }
            return Literals.GEOMETRY.createPolygon(all.get(0), all.subList(1, all.size()).toArray(LinearRing[]::new));
        }

        private Coordinate[] coordinates(Cql2Parser.CoordinateListContext l) {
            return l.coordinate().stream().map(this::coordinate).toArray(Coordinate[]::new);
        }

        private Coordinate coordinate(Cql2Parser.CoordinateContext c) {
            return new Coordinate(Literals.coordinate(c.signedNumber(0).getText(), at(c)),
                    Literals.coordinate(c.signedNumber(1).getText(), at(c)));
        }
    }
}
