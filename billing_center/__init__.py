"""The composition root of the `billing-center` command: the backend's commands (serve,
migrate, accept) and the terminal app's (tui), named here rather than discovered through
package metadata, whose import alone (importlib.metadata) cost ~45 ms of the TUI's cold
start. The backend stays unaware of the TUI; only this package knows both."""
