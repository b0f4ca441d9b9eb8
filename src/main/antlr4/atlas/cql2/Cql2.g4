/*
 * CQL2 text encoding (OGC 21-065, Common Query Language), written for Project Atlas from the
 * standard's BNF: boolean logic, comparison (=, <>, <, >, <=, >=, LIKE, BETWEEN, IN, IS NULL),
 * spatial (S_*), temporal (T_*) and array (A_*) predicates, CASEI, WKT and BBOX geometry literals,
 * DATE, TIMESTAMP and INTERVAL literals. Arithmetic is not part of what we accept.
 *
 * Operands are kept loose here (any operand where the BNF asks for a typed expression): types are
 * checked against the collection's queryables by the translator, which can then say what it expected.
 * Keywords are case-insensitive, as the standard asks.
 */
grammar Cql2;

options { caseInsensitive = true; }

filter : orExpr EOF ;

orExpr : andExpr (OR andExpr)* ;
andExpr : notExpr (AND notExpr)* ;
notExpr : NOT notExpr | primary ;

primary
    : LP orExpr RP                                                       # grouped
    | operand comparisonOp operand                                       # comparison
    | operand NOT? LIKE operand                                          # like
    | operand NOT? BETWEEN operand AND operand                           # between
    | operand NOT? IN LP operand (COMMA operand)* RP                     # inList
    | operand IS NOT? NULL                                               # isNull
    | SPATIAL_OP LP operand COMMA operand RP                             # spatial
    | S_DWITHIN LP operand COMMA operand COMMA operand RP                # distance
    | TEMPORAL_OP LP operand COMMA operand RP                            # temporal
    | ARRAY_OP LP operand COMMA operand RP                               # arrayPredicate
    | booleanLiteral                                                     # booleanPrimary
    | operand                                                            # booleanOperand
    ;

comparisonOp : EQ | NE | LT | GT | LE | GE ;

operand
    : CASEI LP operand RP                                                # casei
    | geometryLiteral                                                    # geometry
    | DATE LP STRING RP                                                  # date
    | TIMESTAMP LP STRING RP                                             # timestamp
    | INTERVAL LP operand COMMA operand RP                               # interval
    | LP (operand (COMMA operand)*)? RP                                  # arrayLiteral
    | STRING                                                             # string
    | MINUS? NUMBER                                                      # number
    | booleanLiteral                                                     # boolean
    | identifier                                                         # property
    ;

booleanLiteral : TRUE | FALSE ;

identifier : IDENTIFIER | QUOTED_IDENTIFIER ;

geometryLiteral
    : POINT LP coordinate RP                                             # point
    | LINESTRING LP coordinateList RP                                    # lineString
    | POLYGON LP ringList RP                                             # polygon
    | MULTIPOINT LP multiPointMember (COMMA multiPointMember)* RP         # multiPoint
    | MULTILINESTRING LP coordinateLists RP                              # multiLineString
    | MULTIPOLYGON LP LP ringList RP (COMMA LP ringList RP)* RP          # multiPolygon
    | GEOMETRYCOLLECTION LP geometryLiteral (COMMA geometryLiteral)* RP  # collection
    | BBOX LP signedNumber COMMA signedNumber COMMA signedNumber COMMA signedNumber
          (COMMA signedNumber COMMA signedNumber)? RP                    # envelope
    ;

multiPointMember : coordinate | LP coordinate RP ;
coordinateLists : LP coordinateList RP (COMMA LP coordinateList RP)* ;
ringList : LP coordinateList RP (COMMA LP coordinateList RP)* ;
coordinateList : coordinate (COMMA coordinate)* ;
coordinate : signedNumber signedNumber signedNumber? ;
signedNumber : MINUS? NUMBER ;

// ---------------------------------------------------------------- lexer
AND : 'AND' ;
OR : 'OR' ;
NOT : 'NOT' ;
LIKE : 'LIKE' ;
BETWEEN : 'BETWEEN' ;
IN : 'IN' ;
IS : 'IS' ;
NULL : 'NULL' ;
TRUE : 'TRUE' ;
FALSE : 'FALSE' ;
CASEI : 'CASEI' ;
DATE : 'DATE' ;
TIMESTAMP : 'TIMESTAMP' ;
INTERVAL : 'INTERVAL' ;
POINT : 'POINT' ;
LINESTRING : 'LINESTRING' ;
POLYGON : 'POLYGON' ;
MULTIPOINT : 'MULTIPOINT' ;
MULTILINESTRING : 'MULTILINESTRING' ;
MULTIPOLYGON : 'MULTIPOLYGON' ;
GEOMETRYCOLLECTION : 'GEOMETRYCOLLECTION' ;
BBOX : 'BBOX' ;
S_DWITHIN : 'S_DWITHIN' ;
SPATIAL_OP : 'S_INTERSECTS' | 'S_EQUALS' | 'S_DISJOINT' | 'S_TOUCHES' | 'S_WITHIN' | 'S_OVERLAPS'
           | 'S_CROSSES' | 'S_CONTAINS' ;
TEMPORAL_OP : 'T_AFTER' | 'T_BEFORE' | 'T_CONTAINS' | 'T_DISJOINT' | 'T_DURING' | 'T_EQUALS'
            | 'T_FINISHEDBY' | 'T_FINISHES' | 'T_INTERSECTS' | 'T_MEETS' | 'T_METBY'
            | 'T_OVERLAPPEDBY' | 'T_OVERLAPS' | 'T_STARTEDBY' | 'T_STARTS' ;
ARRAY_OP : 'A_EQUALS' | 'A_CONTAINS' | 'A_CONTAINEDBY' | 'A_OVERLAPS' ;

EQ : '=' ;
NE : '<>' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
LP : '(' ;
RP : ')' ;
COMMA : ',' ;
MINUS : '-' ;

// A character literal: single quotes, a quote inside doubled.
STRING : '\'' ( ~'\'' | '\'\'' )* '\'' ;
NUMBER : ( DIGIT+ ( '.' DIGIT* )? | '.' DIGIT+ ) ( 'E' [+-]? DIGIT+ )? ;
IDENTIFIER : ID_START ID_PART* ;
QUOTED_IDENTIFIER : '"' ~'"'+ '"' ;

fragment DIGIT : [0-9] ;
fragment ID_START : [a-z_] | [\p{L}] ;
fragment ID_PART : ID_START | DIGIT | [.:] ;

WS : [ \t\r\n]+ -> skip ;
// Anything else is its own token, so the parser reports it with its position.
OTHER : . ;
