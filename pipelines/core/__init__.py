"""Pure-Python core of the pipeline: no Dagster import anywhere below this package.

ingest   -- files -> decoded, normalised article records with metadata
text     -- the one place text is normalised; paragraph and sentence spans
extract  -- quantities (every numeric mention) in a text
claims   -- the articles' own arithmetic, checked
taxonomy -- subject -> canonical metric key
"""
