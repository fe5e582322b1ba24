export * from "./documents";
export * from "./key-policies";
export * from "./kms";
export * from "./role-policies";
export * from "./workload-roles";
