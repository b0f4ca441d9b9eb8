package atlas.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams rows into {@code COPY table (columns) FROM STDIN (FORMAT csv)}: any number of rows in one
 * statement instead of one round trip per row. Text is always quoted, so an unquoted empty field is
 * NULL and a quoted one is the empty string.
 */
public final class CopyRows implements AutoCloseable {
    private final PGCopyOutputStream copy;
    private final Writer out;
    private boolean rowStarted;
    private long rows;
    private boolean finished;

    private CopyRows(PGCopyOutputStream copy) {
        this.copy = copy;
        this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Starts the COPY; the connection can do nothing else until {@link #finish()} or {@link #close()}. */
    public static CopyRows open(Connection c, String table, String columns) throws SQLException {
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
        return new CopyRows(new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16));
    }

    public CopyRows text(String value) throws SQLException {
        separator();
        if (value != null) {
            try {
                out.write('"');
                int from = 0;
                for (int i = value.indexOf('"'); i >= 0; i = value.indexOf('"', i + 1)) {
                    out.write(value, from, i + 1 - from);
                    out.write('"');
                    from = i + 1;
                }
                out.write(value, from, value.length() - from);
                out.write('"');
            } catch (IOException e) {
                throw unwrap(e);
            }
        }
        return this;
    }

    public CopyRows number(long value) throws SQLException {
        separator();
        write(Long.toString(value));
        return this;
    }

    public CopyRows number(Integer value) throws SQLException {
        separator();
        if (value != null) {
            write(value.toString());
        }
        return this;
    }

    public CopyRows number(BigDecimal value) throws SQLException {
        separator();
        if (value != null) {
            write(value.toPlainString());
        }
        return this;
    }

    /** A text[] value, written as an array literal with every element quoted. */
    public CopyRows array(List<String> values) throws SQLException {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text(literal.append('}').toString());
    }

    public void endRow() throws SQLException {
        write("\n");
        rowStarted = false;
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY; the server's refusal of any row surfaces here (or on an earlier write) as SQLException. */
    public long finish() throws SQLException {
        finished = true;
        try {
            out.flush();
        } catch (IOException e) {
            throw unwrap(e);
        }
        copy.endCopy();
        return rows;
    }

    /** Abandons an unfinished COPY (the transaction is rolled back by the caller). */
    @Override
    public void close() throws SQLException {
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void separator() throws SQLException {
        if (rowStarted) {
            write(",");
        }
        rowStarted = true;
    }

    private void write(String s) throws SQLException {
        try {
            out.write(s);
        } catch (IOException e) {
            throw unwrap(e);
        }
    }

    private static SQLException unwrap(IOException e) {
        return e.getCause() instanceof SQLException sql ? sql : new SQLException("COPY failed: " + e.getMessage(), "08006", e);
    }
}
