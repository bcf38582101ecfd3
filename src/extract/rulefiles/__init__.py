"""The models of the rule files (rules/*.yaml), one module per file."""
