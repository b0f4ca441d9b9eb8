package atlas.ingest;

/** What a table in a source document lists. */
public enum TableKind {
    /** Projects (项目清单), e.g. 附表4 / 附4. */
    PROJECTS,
    /** Platforms, new districts, corridors (平台清单), e.g. 附表3 / 附3. */
    PLATFORMS,
    /** Anything else (改革事项, 政策, 任务清单): kept by title and headers only. */
    OTHER
}
