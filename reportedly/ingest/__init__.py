"""Ingest: read articles from files, folders, stdin; normalise their text."""

from .normalize import looks_english, normalize_text, parse_published
from .readers import ArticleInput, Failure, read_file, read_inputs

__all__ = ["ArticleInput", "Failure", "read_inputs", "read_file", "normalize_text", "parse_published", "looks_english"]
