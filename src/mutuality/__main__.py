from mutuality.cli import main

raise SystemExit(main())
