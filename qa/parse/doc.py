"""Reader for legacy Word .doc bulletins: LibreOffice converts them to .docx, which is then read as such.

Each conversion runs `soffice --headless --convert-to docx` in a temporary folder with its own
LibreOffice profile (LibreOffice locks its profile, so two conversions sharing one would collide) and a
time limit; the folder is removed afterwards. Without LibreOffice the error names the package to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin

SOFFICE_TIMEOUT = 120  # seconds; a bulletin converts in about 2 s, the first run of a profile in about 5
SOFFICE_PACKAGE = "libreoffice-writer-nogui"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def find_soffice() -> str | None:
    """The LibreOffice command, from PATH or Debian's install folder."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    fallback = Path("/usr/lib/libreoffice/program/soffice")
    return str(fallback) if fallback.is_file() else None


def is_encrypted_ooxml(data: bytes) -> bool:
    """A password-protected .docx is an OLE2 container holding an 'EncryptedPackage' stream."""
    return data.startswith(OLE2) and "EncryptedPackage".encode("utf-16-le") in data


def convert_to_docx(path: Path, outdir: Path, name: str, timeout: float = SOFFICE_TIMEOUT) -> Path:
    """Convert one file with LibreOffice into outdir; returns the .docx made. ParseError on failure."""
    soffice = find_soffice()
    if soffice is None:
        raise ParseError(
            "reading legacy .doc files needs LibreOffice, which is not installed: install Debian's "
            f"{SOFFICE_PACKAGE} package (apt-get install {SOFFICE_PACKAGE}), or save the file as .docx",
            name,
        )
    profile = outdir / "profile"
    src = outdir / ("input" + path.suffix.lower())  # a plain name: soffice reads option-like names badly
    shutil.copyfile(path, src)
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(src),
    ]
    env = {**os.environ, "HOME": str(outdir)}  # keeps LibreOffice's other files out of the user's home
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=outdir, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice starts helpers in its own (new) session
        proc.communicate()
        raise ParseError(f"LibreOffice did not convert the file within {timeout:.0f} s", name) from None
    made = outdir / "input.docx"
    if proc.returncode != 0 or not made.is_file():
        said = (err or out).decode("utf-8", "replace").strip().splitlines()
        said = [s for s in said if "javaldx" not in s]
        hint = f": {said[-1]}" if said else ""
        raise ParseError(
            f"LibreOffice could not convert this file (exit code {proc.returncode}{hint}); "
            "a password-protected or damaged .doc cannot be read",
            name,
        )
    return made


def parse_doc_file(path: Path, data: bytes | None = None) -> Bulletin:
    from qa.parse.docx import parse_docx_file

    data = path.read_bytes() if data is None else data
    with tempfile.TemporaryDirectory(prefix="qa-doc-") as tmp:
        made = convert_to_docx(path, Path(tmp), path.name)
        return parse_docx_file(made, data, path.name, "Word .doc document")


def doc_lines(path: Path, name: str | None = None):
    """The converted text of a .doc (what `qa parse --text` prints)."""
    from qa.parse.docx import docx_lines

    with tempfile.TemporaryDirectory(prefix="qa-doc-") as tmp:
        return docx_lines(convert_to_docx(path, Path(tmp), name or path.name), name or path.name)
