"""The first import of every bench script that uses the project's code (`python bench/<script>.py`
puts bench/ on the import path): it puts the repository there too and imports the `config`
package, which switches off ONNX Runtime's telemetry and the Hugging Face hub (config/offline.py)
as in every server process. It must come before any library's import: ONNX Runtime reads its
switch when it is imported (set after `import onnxruntime`, a Piper voice still looked up
Microsoft's address six times in 30 s)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import config  # noqa: F401, E402  (for what importing it does; after the path is set above)
