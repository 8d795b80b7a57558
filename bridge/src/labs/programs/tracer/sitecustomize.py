"""Socket Lab: loads the tracer into every Python process started with this folder on PYTHONPATH.

Python imports ``sitecustomize`` at start-up, before the program's own imports, so the program's
``socket`` module is already traced when it runs. A sitecustomize of the user's own, further along
``sys.path``, still runs after this one.
"""

import importlib.machinery
import importlib.util
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))

if os.environ.get("SOCKET_LAB_TRACE"):
    import socketlab_trace

    socketlab_trace.install()

_rest = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_theirs = importlib.machinery.PathFinder.find_spec("sitecustomize", _rest)
if _theirs is not None and _theirs.loader is not None:
    _module = importlib.util.module_from_spec(_theirs)
    _theirs.loader.exec_module(_module)
