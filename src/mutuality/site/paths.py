"""Where Mutuality keeps a practice's files."""

import os
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("MUTUALITY_DATA_DIR", "var")).resolve()
