"""The command line of ``dilemmaspel``: the parser, its subcommands and the modules that run them."""
