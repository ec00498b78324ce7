"""The evaluation corpus scorer: what extraction gets right on articles a person read and annotated."""
