"""The attack battery of issue 10, kept as tests: each attack as it was reproduced, and what holds now.

1 concurrent ingests · 2 anonymous uploads · 3 a server losing its generation · 4 shifted cells ·
5 slow clients · 6 a read-only index · 7 hostile `qa ask --jsonl` lines · 8 hostile /api/ask bodies and
chat messages · 9 the chat's routes skipping the limits · 10 tracebacks, paths and raw messages ·
11 a failed bulletin forgotten · 12 origins and Host headers · 13 huge bulletins.

The concurrency tests run several rounds. Tests that need another user (read-only or unreadable index)
run a child process as `nobody` when the suite runs as root, and use chmod otherwise.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from qa.cli import main
from qa.config import Settings
from qa.errors import ConfigError
from qa.index import build, current_dir, status

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
Q_TABLE = "江苏省人民医院门急诊人次是多少？"
Q_TEXT = "CHITEC大会是谁主办的？"
TEXT_ANSWER = "中国卫生信息与健康医疗大数据学会"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
ROOT_USER = os.geteuid() == 0


# -- helpers ------------------------------------------------------------------------------------------
def copy_index(seed_settings, dest: Path) -> Settings:
    """A private copy of the seed corpus and index (vectors included: a forced rebuild reuses them)."""
    shutil.copytree(seed_settings.corpus_dir, dest / "corpus")
    shutil.copytree(seed_settings.index_dir, dest / "index", symlinks=True)
    return replace(seed_settings, corpus_dir=dest / "corpus", index_dir=dest / "index")


def qa(*args: str, env: dict | None = None, stdin: bytes | None = None, user: list[str] = (), **kw):
    """`python -m qa …` in a child process (this worktree's package), output as bytes."""
    return subprocess.run(
        [*user, PY, "-m", "qa", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        timeout=300,
        **kw,
    )


def incomplete(gen: Path) -> str:
    """What a generation lacks, checked here independently of qa.index: every artifact, readable."""
    for name in ("manifest.json", "bulletins.sqlite", "chroma/chroma.sqlite3"):
        if not (gen / name).is_file():
            return f"{name} is missing"
    return ""


def flags(s: Settings) -> list[str]:
    return ["--index", str(s.index_dir), "--corpus", str(s.corpus_dir)]


@pytest.fixture
def shared(tmp_path):
    """A folder another user can enter (pytest's own temp folders are private to this user)."""
    d = Path(tempfile.mkdtemp(prefix="qa-attack-", dir="/tmp"))
    d.chmod(0o755)
    yield d
    subprocess.run(["chmod", "-R", "u+rwX", str(d)], check=False)
    shutil.rmtree(d, ignore_errors=True)


# == 1. two `qa ingest` at once ==========================================================================
@pytest.mark.parametrize("round_", range(2))
def test_two_ingests_at_once_leave_one_complete_index(seed_settings, tmp_path, round_):
    """Reproduced: one crashed with a chromadb traceback, or both exited 0 with `current` at a generation
    without bulletins.sqlite. Now the second waits for the first, both succeed, `current` is whole."""
    s = copy_index(seed_settings, tmp_path)
    cmd = [PY, "-m", "qa", "ingest", "--force", "--quiet", *flags(s)]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err
    gen = current_dir(s)
    assert gen is not None and incomplete(gen) == ""
    assert status(s) == ("ok", "up to date")
    assert not list(s.index_dir.glob("*.building"))
    r = qa("ask", "--json", Q_TABLE, *flags(s))
    assert r.returncode == 0 and "660405" in json.loads(r.stdout)["answer"]


def test_builds_in_threads_never_show_readers_half_an_index(seed_settings, tmp_path):
    """Several writers in one process, three rounds, while a reader checks `current` all along."""
    s = copy_index(seed_settings, tmp_path)
    errors: list[BaseException] = []
    seen_broken: list[str] = []
    done = threading.Event()

    def reader():
        while not done.is_set():
            gen = current_dir(s)
            why = incomplete(gen) if gen else "no current"
            if why and (gen is None or gen.exists()):  # a generation removed under us is not half an index
                seen_broken.append(why)

    def writer():
        try:
            build(s, force=True)
        except BaseException as e:  # collected: the assertion below names it
            errors.append(e)

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        for _ in range(3):
            threads = [threading.Thread(target=writer) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        done.set()
        watcher.join()
    assert errors == [] and seen_broken == []
    assert status(s)[0] == "ok"
    assert len(list(s.index_dir.glob("gen-*"))) == s.keep_generations  # the newest three, no more


def test_second_ingest_waits_with_a_message_or_gives_up_after_wait(seed_settings, tmp_path):
    from qa.index import ingest_lock

    s = copy_index(seed_settings, tmp_path)
    with ingest_lock(s.index_dir):
        r = qa("ingest", "--wait", "0.5", *flags(s))
        err = r.stderr.decode()
        assert r.returncode == 7 and f"pid {os.getpid()}" in err and "try again" in err
        waiting = subprocess.Popen(
            [PY, "-m", "qa", "ingest", "--quiet", *flags(s)], cwd=ROOT, stderr=subprocess.PIPE
        )
        line = waiting.stderr.readline().decode()
        while "waiting" not in line and line:
            line = waiting.stderr.readline().decode()
        assert "another ingest" in line and f"pid {os.getpid()}" in line
        assert waiting.poll() is None  # still waiting while we hold the lock
    rest = waiting.communicate(timeout=120)[1].decode()
    assert waiting.returncode == 0 and "Traceback" not in rest


@pytest.mark.parametrize("artifact", ["bulletins.sqlite", "chroma/chroma.sqlite3", "manifest.json"])
def test_an_incomplete_generation_is_reported_and_rebuilt(seed_settings, tmp_path, capsys, artifact):
    """Reproduced: `current` without bulletins.sqlite made `qa ingest` say "up to date" and --force
    fail; only deleting the index by hand repaired it."""
    s = copy_index(seed_settings, tmp_path)
    target = current_dir(s) / artifact
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    assert status(s)[0] in ("incomplete", "missing")
    assert main(["ask", Q_TABLE, *flags(s)]) == 4
    assert "qa ingest" in capsys.readouterr().err
    assert main(["ingest", "--quiet", *flags(s)]) == 0
    assert "indexed 1 bulletins" in capsys.readouterr().out
    assert status(s) == ("ok", "up to date")
    assert main(["ask", "--json", Q_TABLE, *flags(s)]) == 0
    assert "660405" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["short", "a" * 15, "has space in the middle 0123456789", "é" * 20])
def test_a_weak_admin_token_is_refused_without_echoing_it(value):
    with pytest.raises(ConfigError, match="QA_ADMIN_TOKEN") as e:
        Settings.from_env(env={"QA_ADMIN_TOKEN": value})
    assert value not in str(e.value)


# == 4. a row with a cell missing ========================================================================
def shifted_bulletin(seed_path: Path, folder: Path) -> Path:
    """The seed bulletin with one cell gone from a plain row, a side-by-side row and a two-level-header
    row, and the 合计 row removed (no sum check to notice)."""
    text = seed_path.read_text(encoding="utf-8")
    edits = [
        ("2\t南京市口腔医院\t747\t79\t0\t546\t1372", "2\t南京市口腔医院\t747\t79\t546\t1372"),
        ("合计\t\t12396\t2051\t74264\t4767\t93478\n", ""),
        (
            "2\t南京卫生 12320 微信\t5179\t5\t南京卫生 12320 网\t278",
            "2\t南京卫生 12320 微信\t5\t南京卫生 12320 网\t278",
        ),
        ("江宁区\t10304604\t30\t12/12\t411424", "江宁区\t10304604\t12/12\t411424"),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "2025-07_shifted.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_missing_a_cell_is_skipped_with_a_warning_never_shifted(seed_path, tmp_path, capsys):
    """Reproduced: exit 0, no warning, 南京市口腔医院's 小计 answered as its 第三方 and its 小计 as
    「未上报」; 南京卫生 12320 微信 given 5 appointments (the next record's 序号)."""
    from qa.parse import parse_file

    path = shifted_bulletin(seed_path, tmp_path)
    b = parse_file(path)
    tables = {t.title: {r.label: r for r in t.rows} for t in b.tables}
    appt, online = tables["2025 年 6 月 12320 预约挂号服务统计"], tables["2025 年 6 月线上预约情况统计"]
    district = tables["2025年6月南京市卫生信息平台数据采集情况（区）"]
    assert "南京市口腔医院" not in appt and "江宁区" not in district
    assert "南京卫生 12320 微信" not in online and "南京卫生 12320 网" not in online  # the line's records
    assert len(appt) == 36 and len(online) == 3 and len(district) == 11  # the other rows intact
    assert [v.raw for v in appt["南京市儿童医院"].values] == ["982", "178", "0", "0", "1160"]
    assert [v.raw for v in online["健康南京"].values] == ["6939"]
    assert all("1372" not in [v.raw for v in r.values] for r in appt.values())  # no shifted figure
    lines = path.read_text(encoding="utf-8").splitlines()
    for label in ("南京市口腔医院", "南京卫生 12320 微信", "江宁区"):
        no = next(i for i, line in enumerate(lines, 1) if label in line and "\t" in line)
        assert any(w.startswith(f"{path.name}:{no}: table ") and "skipped" in w for w in b.warnings), label
    assert main(["parse", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: 2025-07_shifted.txt:") >= 3 and "skipped" in err


# == 7. hostile --jsonl lines ==============================================================================
def test_jsonl_survives_every_bad_line(seed_settings):
    """Reproduced: the rest of the batch was lost on these lines, or the output was not UTF-8."""
    good = json.dumps({"id": "ok", "question": Q_TABLE}, ensure_ascii=False).encode()
    lines = [
        good,
        b'{"id": "null-text", "question": "\xe9\x82\xa3\xe4\xbd\x8f\xe9\x99\xa2\xe6\x94\xb6\xe5\x85\xa5\xe5\x91\xa2",'
        b' "history": [{"role": "user", "content": [{"type": "text", "text": null}]}]}',
        b'{"id": "meta-string", "question": "x", "history": [{"role": "user", "content": "a", "metadata": "s"}]}',
        b"[" * 100000 + b"]" * 100000,
        b"{" + b'"a":{' * 50000 + b"}" * 50001,
        b'{"id": "surrogate", "question": "\\udfff"}',
        b'{"id": "role", "question": "x", "history": [{"role": 5, "content": "a"}]}',
        b"\xff\xfe\xfd not utf-8",
        "省人医\udcff门急诊人次".encode("utf-8", "surrogateescape"),
        good.replace(b'"ok"', b'"last"').replace(
            b"}", b', "history": [{"role": "user", "content": "\\ud800"}]}'
        ),
    ]
    r = qa("ask", "--jsonl", *flags(seed_settings), stdin=b"\n".join(lines) + b"\n")
    err = r.stderr.decode()
    assert r.returncode == 0 and "Traceback" not in err, err
    out = r.stdout.decode("utf-8")  # strict: invalid UTF-8 fails here
    rows = [json.loads(x) for x in out.splitlines()]
    assert len(rows) == len(lines)
    assert rows[0]["id"] == "ok" and "660405" in rows[0]["answer"]
    assert rows[-1]["id"] == "last" and "660405" in rows[-1]["answer"]
    for row in rows[1:-1]:
        assert row["found"] is False and row["error"], row
    assert "history[0].content[0].text" in rows[1]["error"] and "null" in rows[1]["error"]
    assert "metadata" in rows[2]["error"]
    assert "limit" in rows[3]["error"]  # not an object: a (much too long) plain-text question
    assert rows[4]["error"] == "bad json" and "nested too deeply" in rows[4]["answer"]
    assert "surrogate" in rows[5]["error"]
    assert "history[0].role" in rows[6]["error"]
    assert "UTF-8" in rows[7]["error"] and "UTF-8" in rows[8]["error"]


# == 10. tracebacks, exit codes, paths, raw messages, {"detail"} ===========================================
def test_cli_bad_arguments_are_messages_with_their_codes(seed_settings, tmp_path):
    r = qa("search", "互联网", "--k", "0", "--index", str(seed_settings.index_dir))
    err = r.stderr.decode()
    assert r.returncode == 2 and "--k" in err and "Traceback" not in err
    r = qa("eval", str(tmp_path / "missing.jsonl"), *flags(seed_settings))
    err = r.stderr.decode()
    assert r.returncode == 2 and "missing.jsonl" in err and "Traceback" not in err
    (tmp_path / "bad.jsonl").write_text('{"q": 1}\n', encoding="utf-8")
    r = qa("eval", str(tmp_path / "bad.jsonl"), *flags(seed_settings))
    assert r.returncode == 2 and "bad.jsonl" in r.stderr.decode() and b"Traceback" not in r.stderr
    r = qa("ask", "--json", "门急诊\udcff人次", *flags(seed_settings))  # argv bytes that are not UTF-8
    assert r.returncode == 2 and b"invalid character" in r.stderr and b"Traceback" not in r.stderr


def test_unreadable_index_files_are_exit_4_without_traceback(seed_settings, shared):
    """Reproduced: a traceback and exit 1, the "not found" code."""
    s = copy_index(seed_settings, shared)
    (current_dir(s) / "bulletins.sqlite").chmod(0o600)
    prefix, env = (NOBODY, {"HOME": "/tmp"}) if ROOT_USER else ([], {})
    if not ROOT_USER:
        (current_dir(s) / "bulletins.sqlite").chmod(0o000)
    r = qa("ask", Q_TABLE, *flags(s), user=prefix, env=env)
    err = r.stderr.decode()
    assert r.returncode == 4 and "bulletins.sqlite" in err and "Traceback" not in err, err


def test_a_full_disk_during_ingest_is_exit_6_and_the_old_index_serves(seed_settings, tmp_path):
    """A file-size limit (RLIMIT_FSIZE) makes every write past 64 KB fail as a full disk would."""
    s = copy_index(seed_settings, tmp_path)
    before = current_dir(s)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    r = qa("ingest", "--force", "--quiet", *flags(s), preexec_fn=small_files)
    err = r.stderr.decode()
    assert r.returncode == 6 and "cannot write" in err and "Traceback" not in err, err
    assert current_dir(s) == before and status(s) == ("ok", "up to date")
    assert not list(s.index_dir.glob("*.building"))


# == 11. a failed bulletin stays reported ==================================================================
def test_a_failed_bulletin_is_reported_on_every_ingest_until_removed(seed_settings, tmp_path, capsys):
    """Reproduced: reported once, then "nothing to do" with exit 0."""
    s = copy_index(seed_settings, tmp_path)
    broken = s.corpus_dir / "2025-08_broken.txt"
    broken.write_bytes(b"\x00\x01garbage" * 100)
    for _ in range(3):
        assert main(["ingest", "--quiet", *flags(s)]) == 3
        err = capsys.readouterr().err
        assert "2025-08_broken.txt" in err and "binary" in err
    assert main(["ask", Q_TABLE, *flags(s)]) == 0  # the index itself serves meanwhile
    capsys.readouterr()
    broken.unlink()
    assert main(["ingest", "--quiet", *flags(s)]) == 0
    assert "broken" not in capsys.readouterr().err


# == 12. origins and Host headers ===========================================================================
@pytest.mark.parametrize(
    "origin",
    [
        "https://*",
        "https://*.example.cn",
        "*",
        "https://oa.example.cn/path",
        "https://oa.example.cn/",
        "https://oa.example.cn; script-src *",
        "https://oa.example.cn\nX-Injected: 1",
        "https://oa.example.cn\r\nX-Injected: 1",
        "https://user@oa.example.cn",
        "https://oa.example.cn:99999",
        "https://oa.example.cn?x=1",
        "javascript://oa.example.cn",
        "https://oa example.cn",
        "https://0.0.0.0",
    ],
)
def test_allowed_origins_are_scheme_host_port_only(origin):
    with pytest.raises(ConfigError, match="QA_ALLOWED_ORIGINS") as e:
        Settings.from_env(env={"QA_ALLOWED_ORIGINS": f"https://ok.example.cn,{origin}"})
    assert repr(origin)[1:-1][:20] in str(e.value)


def test_origins_are_normalised_as_browsers_send_them():
    s = Settings.from_env(
        env={"QA_ALLOWED_ORIGINS": "HTTPS://OA.Example.CN:443, http://[::1]:80,http://a.b:8080"}
    )
    assert s.allowed_origins == ["https://oa.example.cn", "http://[::1]", "http://a.b:8080"]
    with pytest.raises(ConfigError, match="QA_HOST"):
        Settings.from_env(env={"QA_HOST": "a.example; frame-ancestors *"})


def test_app_refuses_a_bad_origin_at_start(monkeypatch, capsys):
    import app

    monkeypatch.setenv("QA_ALLOWED_ORIGINS", "https://*")
    assert app.main([]) == 2
    assert "QA_ALLOWED_ORIGINS" in capsys.readouterr().err


# == 13. huge bulletins =====================================================================================
def test_a_bulletin_over_the_size_limit_is_refused_with_the_limit(
    seed_settings, tmp_path, monkeypatch, capsys
):
    """Reproduced: a 50 MB bulletin took 1.5 GB and minutes, with no progress shown."""
    s = copy_index(seed_settings, tmp_path)
    big = s.corpus_dir / "2025-08_huge.txt"
    big.write_bytes(seed_settings.corpus_dir.joinpath("2025-07_第161期.txt").read_bytes() + b"\n" * 1_600_000)
    monkeypatch.setenv("QA_MAX_BULLETIN_MB", "1.5")
    assert main(["ingest", *flags(s)]) == 3
    err = capsys.readouterr().err
    assert "2025-08_huge.txt" in err and "the limit is 1.5 MB per bulletin (QA_MAX_BULLETIN_MB)" in err
    assert "[1/2] parsing 2025-07_第161期.txt" in err and "[2/2] parsing 2025-08_huge.txt" in err
    assert main(["ask", "--json", Q_TABLE, *flags(s)]) == 0  # the others are indexed
    assert main(["parse", str(big)]) == 3
    assert "QA_MAX_BULLETIN_MB" in capsys.readouterr().err
