package atlas.api;

import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mapbox vector tile (spec 2.1) into its features: each feature's geometry type, how many
 * parts its geometry has (MoveTo commands) and its properties. Only what the tests look at.
 */
final class MvtReader {
    private MvtReader() {
    }

    enum Type { UNKNOWN, POINT, LINESTRING, POLYGON }

    record Feature(String layer, Type type, int parts, Map<String, Object> properties) {
    }

    static List<Feature> features(byte[] tile) throws IOException {
        List<Feature> out = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(tile);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (tag >>> 3 == 3) {  // Tile.layers
                layer(in.readByteArray(), out);
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    private static void layer(byte[] bytes, List<Feature> out) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = null;
        List<byte[]> features = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 1 -> name = in.readString();
                case 2 -> features.add(in.readByteArray());
                case 3 -> keys.add(in.readString());
                case 4 -> values.add(value(in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
        for (byte[] f : features) {
            out.add(feature(name, f, keys, values));
        }
    }

    private static Feature feature(String layer, byte[] bytes, List<String> keys, List<Object> values) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Map<String, Object> properties = new LinkedHashMap<>();
        Type type = Type.UNKNOWN;
        int parts = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (tag >>> 3) {
                case 2 -> {  // tags: packed key and value indexes
                    CodedInputStream t = CodedInputStream.newInstance(in.readByteArray());
                    while (!t.isAtEnd()) {
                        properties.put(keys.get(t.readUInt32()), values.get(t.readUInt32()));
                    }
                }
                case 3 -> type = Type.values()[in.readEnum()];
                case 4 -> parts = moveTos(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        return new Feature(layer, type, parts, properties);
    }

    /** The number of MoveTo commands: points of a multipoint, lines of a multilinestring, rings. */
    private static int moveTos(byte[] bytes) throws IOException {
        CodedInputStream g = CodedInputStream.newInstance(bytes);
        int moves = 0;
        while (!g.isAtEnd()) {
            int command = g.readUInt32();
            int id = command & 7;
            int count = command >>> 3;
            if (id == 1) {
                moves += count;
            }
            if (id != 7) {  // MoveTo and LineTo carry two parameters per point, ClosePath none
                for (int i = 0; i < 2 * count; i++) {
                    g.readUInt32();
                }
            }
        }
        return moves;
    }

    private static Object value(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int tag = in.readTag();
        return switch (tag >>> 3) {
            case 1 -> in.readString();
            case 2 -> (double) in.readFloat();
            case 3 -> in.readDouble();
            case 4 -> in.readInt64();
            case 5 -> in.readUInt64();
            case 6 -> in.readSInt64();
            case 7 -> in.readBool();
            default -> null;
        };
    }
}
