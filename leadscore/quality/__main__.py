"""python -m leadscore.quality --database <file> --step input|marts: one step's suites on a built DuckDB file."""

import sys

from leadscore.quality import main

sys.exit(main())
