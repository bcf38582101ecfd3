"""Old office files (.doc, .wps, .et) read through LibreOffice.

Archives hold many reports as Word 97-2003 ``.doc`` and WPS ``.wps``/``.et``
files. extract does not parse those binary formats itself: when LibreOffice
is installed, :func:`convert` has it convert the file (``soffice --headless
--convert-to docx``, in a temporary folder with a profile of its own, under
a time limit), and the result is read as a ``.docx``/``.xlsx``. Without
LibreOffice the file is refused with one line that says how to install it.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Optional

from ..errors import CorruptDocument, LimitExceeded, UnsupportedFormat

#: what each legacy suffix is converted to, and its name in messages
LEGACY_FORMATS = {".doc": ("docx", "Word 97-2003 (.doc)"), ".wps": ("docx", "WPS (.wps)"),
                  ".et": ("xlsx", "WPS spreadsheet (.et)")}
#: how a Word 97-2003 / WPS file starts (an OLE2 compound file), or an RTF file saved as .doc
LEGACY_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf")
#: seconds LibreOffice may take for one file
CONVERT_SECONDS = 120.0
INSTALL_HINT = ("install LibreOffice to read it (Debian: apt-get install libreoffice-writer libreoffice-calc;"
                " or EXTRACT_OFFICE=1 scripts/setup.sh), or save it as .docx or PDF")


def soffice() -> Optional[str]:
    """The LibreOffice program on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, to: str, path: Optional[os.PathLike | str] = None,
            timeout: float = CONVERT_SECONDS) -> bytes:
    """``data`` (a file of type ``suffix``, e.g. ``".doc"``) converted by
    LibreOffice to ``to`` (``"docx"``, ``"xlsx"``, ``"pdf"``); the bytes of
    the converted file. Raises :class:`UnsupportedFormat` when LibreOffice
    is not installed, :class:`LimitExceeded` when it takes over ``timeout``
    seconds (its processes are ended), :class:`CorruptDocument` when it
    makes no file."""
    name = LEGACY_FORMATS.get(suffix, (None, suffix))[1]
    if suffix in LEGACY_FORMATS and not data.startswith(LEGACY_MAGIC):
        raise CorruptDocument(f"not a {name} file (no OLE2 or RTF header): save it as .docx or PDF", path)
    exe = soffice()
    if exe is None:
        raise UnsupportedFormat(f"{name} is read through LibreOffice, which is not installed: {INSTALL_HINT}", path)
    import subprocess  # here: every start imports this module for LEGACY_FORMATS, few convert

    with tempfile.TemporaryDirectory(prefix="extract-office-") as tmp:
        folder = Path(tmp)
        src = folder / f"document{suffix}"
        src.write_bytes(data)
        out_dir = folder / "out"
        cmd = [exe, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nologo", "--convert-to", to, "--outdir", str(out_dir), str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True, env={**os.environ, "HOME": tmp})
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LimitExceeded(f"LibreOffice took over {timeout:g} s to convert the {name} file", path) from None
        finally:
            if proc.poll() is None:  # timed out, or interrupted by the parse's own time limit
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        out = out_dir / f"document.{to}"
        if not out.is_file():
            lines = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
            why = f" ({lines[-1].strip()[:120]})" if lines else ""
            raise CorruptDocument(f"LibreOffice could not convert the {name} file{why}: save it as .docx or PDF",
                                  path)
        return out.read_bytes()
