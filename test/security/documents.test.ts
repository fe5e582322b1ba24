import { describe, expect, test } from "vitest";
import { policyDocument, validateStatement } from "../../infra/security/documents";

describe("validateStatement", () => {
  test("accepts explicit actions and resources", () => {
    expect(
      validateStatement({
        Sid: "Read",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: "arn:aws:s3:::bucket/notes/*",
      }),
    ).toEqual([]);
  });

  test("rejects the * action", () => {
    expect(
      validateStatement({ Sid: "All", Effect: "Allow", Action: "*", Resource: "arn:x" }),
    ).toEqual(['statement All uses wildcard action "*"; list the actions']);
  });

  test("rejects a service-wide action", () => {
    expect(
      validateStatement({
        Sid: "S3",
        Effect: "Allow",
        Action: ["s3:*"],
        Resource: "arn:aws:s3:::b",
      }),
    ).toEqual(['statement S3 uses wildcard action "s3:*"; list the actions']);
  });

  test("rejects data actions on *", () => {
    expect(
      validateStatement({ Sid: "Get", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }),
    ).toEqual(['statement Get grants data actions s3:GetObject on "*"; name the resources']);
  });

  test("allows resource-less actions on *", () => {
    expect(
      validateStatement({
        Sid: "List",
        Effect: "Allow",
        Action: ["kms:ListAliases"],
        Resource: "*",
      }),
    ).toEqual([]);
  });

  test("allows * resource in key policies", () => {
    expect(
      validateStatement({
        Sid: "Key",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
        Action: ["kms:Decrypt"],
        Resource: "*",
      }),
    ).toEqual([]);
  });

  test("allows broad denies", () => {
    expect(
      validateStatement({ Sid: "Deny", Effect: "Deny", Action: ["s3:*"], Resource: "*" }),
    ).toEqual([]);
  });
});

describe("policyDocument", () => {
  test("lists every problem at once", () => {
    expect(() =>
      policyDocument([
        { Sid: "A", Effect: "Allow", Action: "*", Resource: "arn:x" },
        { Sid: "A", Effect: "Allow", Action: ["s3:PutObject"], Resource: "*" },
      ]),
    ).toThrow(
      'invalid IAM policy document:\n  statement A uses wildcard action "*"; list the actions\n  statement A grants data actions s3:PutObject on "*"; name the resources\n  duplicate statement ids: A',
    );
  });

  test("sets the policy language version", () => {
    expect(policyDocument([]).Version).toBe("2012-10-17");
  });
});
