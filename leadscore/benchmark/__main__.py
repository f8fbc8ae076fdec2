"""python -m leadscore.benchmark: the speed benchmark (leadscore benchmark)."""

import sys

from leadscore.benchmark.speed import main

sys.exit(main())
