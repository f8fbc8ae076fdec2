import sys

from leadscore.calibration.cli import main

sys.exit(main())
