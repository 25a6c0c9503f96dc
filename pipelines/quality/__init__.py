"""Data-quality layer: Great Expectations suites for the warehouse tables.

Pure Python (no Dagster); the lead wires it into Dagster asset checks.

suites   -- SUITES: table -> expectation specs, each marked integrity (block) or advisory (warn)
derive   -- pandas columns computed before validation (span bounds, text under a span, ...)
validate -- validate_table(): run a suite on a DataFrame, store the GX result, return dq rows
docs     -- build_data_docs(): static Data Docs site readable offline

Importing this package does not import Great Expectations (~10 s); validating does.
"""
from pipelines.quality.docs import build_data_docs
from pipelines.quality.suites import ADVISORY, INTEGRITY, SUITES, ExpectationSpec
from pipelines.quality.validate import ValidationOutcome, validate_table

__all__ = ["SUITES", "INTEGRITY", "ADVISORY", "ExpectationSpec", "ValidationOutcome",
           "validate_table", "build_data_docs"]
