#!/usr/bin/env python3
"""Counts outcomes over every TRX file under a folder and prints 'N passed, N failed[, N skipped]'.
Exits non-zero if a test failed or none ran."""
import sys
import pathlib
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", NS):
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"):
            skipped += 1
        else:
            failed += 1
            print(f"FAILED {result.get('testName')}", file=sys.stderr)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
