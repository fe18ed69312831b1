"""`python -m billing_center …`, the same as `billing-center …`."""

import sys

from billing_center.cli import main

sys.exit(main())
