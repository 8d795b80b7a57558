# Runs the program named in argv[1] with the tracer's short form off: every call goes as a JSON
# record (as it does once a process has spent its budget of defs), for comparing the two forms.
import runpy
import sys

import socketlab_wire

socketlab_wire.MAX_DEF_BYTES = 0
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
