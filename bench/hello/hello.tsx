// The first-frame baseline: a bare Ink hello-world, rendered with the TUI's own options.
import { render, Text } from 'ink';

render(<Text>Hello, world</Text>, { alternateScreen: true, incrementalRendering: true, maxFps: 20, patchConsole: false, interactive: true });
