"""Session transcripts: parsing, speaker roles, de-identification and analysis."""
