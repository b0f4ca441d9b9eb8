package atlas.worklists;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What a request asks of the work items. unit matches a lead or other unit by full name, short name (the unit
 * gazetteer's aliases) or as printed; leadUnit only the lead. Deadlines are inclusive. Items come overdue
 * first (deadline before asOf), then by deadline, then in document order. bbox is in CRS84; condition is a CQL2
 * filter and a box in another CRS, as one condition with bound values over 'work_item w'.
 */
public record WorkItemQuery(Optional<String> kind, Optional<String> unit, Optional<String> leadUnit,
                            Optional<LocalDate> deadlineFrom, Optional<LocalDate> deadlineTo,
                            Optional<String> county, Optional<String> city, Optional<String> area,
                            Optional<String> source, Optional<String> q, Optional<double[]> bbox,
                            LocalDate asOf, int limit, int offset, Optional<atlas.cql2.Cql2Where.Condition> condition) {
    public static final Set<String> KINDS = Set.of("reform", "policy", "platform", "project", "task");
    public static final Set<String> GROUPINGS = Set.of("unit", "lead_unit", "kind", "deadline_month", "source", "city", "county");

    /** A query without a CQL2 condition. */
    public WorkItemQuery(Optional<String> kind, Optional<String> unit, Optional<String> leadUnit,
                         Optional<LocalDate> deadlineFrom, Optional<LocalDate> deadlineTo,
                         Optional<String> county, Optional<String> city, Optional<String> area,
                         Optional<String> source, Optional<String> q, Optional<double[]> bbox,
                         LocalDate asOf, int limit, int offset) {
        this(kind, unit, leadUnit, deadlineFrom, deadlineTo, county, city, area, source, q, bbox, asOf, limit, offset,
                Optional.empty());
    }

    public static WorkItemQuery all() {
        return new WorkItemQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                LocalDate.now(), 10_000, 0);
    }

    /** The same query restricted to a place: a county, a city, a plan area or a box (CRS84). */
    public WorkItemQuery within(Optional<String> county, Optional<String> city, Optional<String> area, Optional<double[]> box) {
        return new WorkItemQuery(kind, unit, leadUnit, deadlineFrom, deadlineTo, county, city, area, source, q, box,
                asOf, limit, offset);
    }
}
