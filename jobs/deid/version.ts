/** Engine name and version, recorded in every report and lineage record. */
export const ENGINE = { name: "hcft-deid", version: "0.1.0" } as const;
