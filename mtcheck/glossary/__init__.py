"""Terminology: glossary files, the matcher, the term checks and their maintenance."""
