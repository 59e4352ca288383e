"""Tests of the terminal UI's widgets (Textual Pilot)."""
