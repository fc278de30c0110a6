// Validates SARIF files against the official SARIF 2.1.0 JSON schema (a
// draft-04 schema, hence ajv-draft-04).
//
// usage: NODE_PATH=DIR/node_modules node validate_sarif.js FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv-draft-04");

const schemaPath = path.join(
  path.dirname(require.resolve("@microsoft/jest-sarif/package.json")),
  "lib", "schemas", "sarif-2.1.0-rtm.5.json");
const ajv = new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));

let failed = false;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, "utf8"));
  if (validate(log)) {
    console.log(`valid: ${path.basename(file)}`);
  } else {
    failed = true;
    console.log(`INVALID: ${file}`);
    for (const error of validate.errors)
      console.log(`  ${error.instancePath} ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
