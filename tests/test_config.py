"""Settings: defaults, QA_* variables, flags, clear errors, and every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.config import DOC, Settings
from qa.errors import ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_env_then_flags():
    s = Settings.from_env(
        env={"QA_PORT": "8000", "QA_INDEX_DIR": "/x", "QA_ALLOWED_ORIGINS": "https://a.b, http://c:1"}
    )
    assert (s.port, s.index_dir, s.allowed_origins) == (8000, Path("/x"), ["https://a.b", "http://c:1"])
    s = Settings.from_env(env={"QA_PORT": "8000"}, port=9000, index_dir="/y")
    assert (s.port, s.index_dir) == (9000, Path("/y"))
    assert "http://127.0.0.1:9000" in s.origins and "http://localhost:9000" in s.origins


@pytest.mark.parametrize(
    ("env", "msg"),
    [
        ({"QA_PORT": "abc"}, "'abc'"),
        ({"QA_PORT": "70000"}, "'70000'"),
        ({"QA_ALLOWED_ORIGINS": "intranet.local"}, "'intranet.local'"),
    ],
)
def test_bad_values_quote_the_value(env, msg):
    with pytest.raises(ConfigError, match=msg):
        Settings.from_env(env=env)


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for name, (var, _) in DOC.items():
        assert var in text, f"{var} ({name}) is not documented in README.md"
