"""On-device analysis of session transcripts: text models, markers and summaries."""
