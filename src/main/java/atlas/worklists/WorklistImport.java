package atlas.worklists;

import atlas.db.DatasetVersions;
import atlas.db.Transactions;
import atlas.gazetteer.Gazetteer;
import atlas.geocode.Geocoder;
import atlas.geocode.Placement;
import atlas.geocode.PlanAreaKeywords;
import atlas.geocode.ProjectFacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports the work lists of documents: read, resolve units, place, store, one transaction per document.
 * Places come from the geocoder (title, 建设地点 or the item's text, and the units); an item of a city's
 * document that names no place is in that city; a platform is linked to the plan area of its name.
 */
public final class WorklistImport {
    /** What one document gave: items and rejected rows per list. */
    public record Report(String fileName, String status, Map<String, Integer> itemsByList, int rejected, int placed) {
    }

    /** A document's context: the city it belongs to ("" for a provincial one) and its year (0: read from the text). */
    public record Context(String cityCode, String cityName, int year) {
        public static final Context PROVINCE = new Context("", "", 0);
    }

    private final UnitGazetteer units;

    public WorklistImport(UnitGazetteer units) {
        this.units = units;
    }

    /**
     * Loads the bundled documents (geodata/lists/*.txt and geodata/worklists/*.txt) and the unit gazetteer
     * when any of their files changed since the last load; nothing when they did not.
     */
    public static List<Report> loadBundled(Connection c, Path geodata, java.util.function.Consumer<String> out) throws SQLException {
        List<Path> documents = new ArrayList<>(texts(geodata.resolve("lists")));
        documents.addAll(texts(geodata.resolve("worklists")));
        Path unitsCsv = geodata.resolve("units/units.csv");
        Path contexts = geodata.resolve("worklists/documents.csv");
        List<Path> inputs = new ArrayList<>(documents);
        inputs.add(unitsCsv);
        inputs.add(contexts);
        String hash = DatasetVersions.sha256(inputs) + DatasetVersions.loaded(c, "plan-areas").orElse("")
                + DatasetVersions.loaded(c, "gazetteer").orElse("");
        if (DatasetVersions.loaded(c, "worklists").equals(Optional.of(hash))) {
            return List.of();
        }
        UnitGazetteer gazetteer = UnitGazetteer.load(unitsCsv);
        Map<String, Context> byFile = new LinkedHashMap<>();
        for (Map<String, String> row : atlas.gazetteer.CsvTable.read(contexts)) {
            byFile.put(row.get("file"), new Context(Optional.ofNullable(row.get("city_code")).orElse(""),
                    Optional.ofNullable(row.get("city_name")).orElse(""),
                    Integer.parseInt(Optional.ofNullable(atlas.gazetteer.CsvTable.value(row, "year")).orElse("0"))));
        }
        WorklistImport importer = new WorklistImport(gazetteer);
        List<Report> reports = new ArrayList<>();
        Transactions.inTransaction(c, () -> {
            WorklistSql.replaceUnits(c, gazetteer.units());
            return null;
        });
        for (Path doc : documents) {
            Report r = importer.importFile(c, doc, byFile.getOrDefault(doc.getFileName().toString(), Context.PROVINCE), true);
            out.accept("work lists of " + r.fileName() + ": " + r.itemsByList() + ", " + r.rejected() + " rejected, "
                    + r.placed() + " placed");
            reports.add(r);
        }
        DatasetVersions.record(c, "worklists", hash);
        return reports;
    }

    private static List<Path> texts(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports one document; again only when its bytes changed, unless force. */
    public Report importFile(Connection c, Path file, Context context, boolean force) throws SQLException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        String sha = atlas.db.DatasetVersions.sha256(List.of(file));
        if (!force && WorklistSql.documentHash(c, name).equals(Optional.of(sha))) {
            return new Report(name, "unchanged", Map.of(), 0, 0);
        }
        List<WorkListReader.WorkList> lists = WorkListReader.read(name, bytes, context.year());
        return Transactions.inTransaction(c, () -> {
            Gazetteer places = Gazetteer.load(c);
            List<PlanAreaKeywords> areas = WorklistSql.planAreas(c);
            Geocoder geocoder = new Geocoder(places, areas);
            int year = lists.stream().mapToInt(WorkListReader.WorkList::year).filter(y -> y > 0).findFirst().orElse(0);
            long docId = WorklistSql.replaceDocument(c, name, sha, year, context.cityCode());
            Map<String, Integer> counts = new LinkedHashMap<>();
            int rejected = 0;
            int placed = 0;
            for (WorkListReader.WorkList list : lists) {
                List<WorklistSql.Stored> stored = new ArrayList<>();
                for (WorkItem item : list.items()) {
                    WorklistSql.Stored s = place(item, context, geocoder, areas);
                    placed += s.countyCodes().isEmpty() && s.cityCodes().isEmpty() && s.platformArea() == null ? 0 : 1;
                    stored.add(s);
                }
                WorklistSql.insertItems(c, docId, stored);
                WorklistSql.insertRejected(c, docId, list.rejected());
                counts.merge(list.table() + " " + list.kind(), list.items().size(), Integer::sum);
                rejected += list.rejected().size();
            }
            WorklistSql.placeGeometry(c, docId);
            return new Report(name, "imported", counts, rejected, placed);
        });
    }

    WorklistSql.Stored place(WorkItem item, Context context, Geocoder geocoder, List<PlanAreaKeywords> areas) {
        List<String> lead = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> placeUnits = new ArrayList<>();
        for (String u : item.units().lead()) {
            UnitGazetteer.Resolved r = units.resolve(u, context.cityName(), context.cityCode());
            lead.add(r.name());
            if (!r.level().equals("province")) {
                placeUnits.add(r.name());
            }
        }
        for (String u : item.units().others()) {
            UnitGazetteer.Resolved r = units.resolve(u, context.cityName(), context.cityCode());
            others.add(r.name());
            if (!r.level().equals("province")) {
                placeUnits.add(r.name());
            }
        }
        // What the item names as its place: 建设地点 when the list has one, else its own text.
        String where = !item.location().isEmpty() ? item.location()
                : item.kind().equals("project") ? "" : item.content() + " " + item.target();
        Placement p = geocoder.place(new ProjectFacts(0, item.id(), item.title(), item.codes(), where, placeUnits, item.content()));
        List<String> counties = p.countyCodes();
        List<String> cities = new ArrayList<>(p.cityCodes());
        String precision = p.precision();
        List<Map<String, String>> evidence = new ArrayList<>();
        for (Placement.PlacedCounty pc : p.counties()) {
            evidence.add(Map.of("county", pc.code(), "method", pc.method(), "evidence", pc.evidence()));
        }
        if (counties.isEmpty() && cities.isEmpty() && !context.cityCode().isEmpty() && !precision.equals("province")) {
            cities.add(context.cityCode());
            precision = "city";
            evidence.add(Map.of("city", context.cityCode(), "method", "document", "evidence", "the list is " + context.cityName() + "'s"));
        }
        Set<String> planAreas = new LinkedHashSet<>();
        p.areas().forEach(a -> planAreas.add(a.areaId()));
        String platform = item.kind().equals("platform") ? platformArea(item.title(), areas).orElse(null) : null;
        if (platform != null) {
            planAreas.add(platform);
            // A platform that is a plan area lies where that area lies, whatever its text mentions.
            List<String> members = areas.stream().filter(a -> a.id().equals(platform)).findFirst()
                    .map(PlanAreaKeywords::members).orElse(List.of());
            if (!members.isEmpty()) {
                counties = members;
                cities = new ArrayList<>(new LinkedHashSet<>(members.stream().map(m -> m.substring(0, 4) + "00").toList()));
                precision = members.size() == 1 ? "county" : "counties";
                evidence.clear();
                for (String m : members) {
                    evidence.add(Map.of("county", m, "method", "plan-area", "evidence", "平台 " + item.title() + " = " + platform));
                }
            }
        }
        return new WorklistSql.Stored(item, lead, others, counties, cities, precision, evidence, List.copyOf(planAreas), platform);
    }

    /** The plan area a platform's name names: the longest area name or keyword (4+ characters) it equals or contains. */
    static Optional<String> platformArea(String title, List<PlanAreaKeywords> areas) {
        String t = norm(title);
        String best = null;
        int bestLength = 0;
        for (PlanAreaKeywords a : areas) {
            for (String k : a.keywords()) {
                String n = norm(k);
                boolean match = n.length() >= 4 && (t.contains(n) || n.contains(t) && t.length() >= 5);
                if (match && n.length() > bestLength) {
                    best = a.id();
                    bestLength = n.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static String norm(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC).replaceAll("[\\s“”\"（）()]+", "");
    }
}
