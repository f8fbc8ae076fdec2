import sys

from leadscore.demo.generate import main

sys.exit(main())
