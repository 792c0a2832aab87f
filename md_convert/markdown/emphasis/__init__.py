"""Emphasis delimiters: parsed from the converter's markers, moved until they flank, checked against a
CommonMark parser, rendered."""
