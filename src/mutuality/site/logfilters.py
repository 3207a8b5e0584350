"""Keeps secrets out of logs: check-in tokens in request paths are redacted."""

import logging
import re

_TOKEN_PATH = re.compile(r"/c/[^/\s]+")


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _TOKEN_PATH.sub("/c/<token>", record.msg)
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                _TOKEN_PATH.sub("/c/<token>", a) if isinstance(a, str) else a for a in args
            )
        return True
