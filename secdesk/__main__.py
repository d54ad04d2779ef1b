from secdesk.cli import main

raise SystemExit(main())
