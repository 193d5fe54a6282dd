import sys

from trustmap.cli import main

sys.exit(main())
