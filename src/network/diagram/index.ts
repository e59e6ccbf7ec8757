/**
 * The network drawn: `layoutNetwork` lays a network model out (layout.ts), and one renderer draws
 * it: text for a terminal, a Mermaid flowchart, or an SVG image. Pure.
 */
import type { NetworkModel } from '../model.js';
import type { DiagramFormat } from './formats.js';
import { layoutNetwork, type DiagramLayout, type LayoutOptions } from './layout.js';
import { renderMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';
import { renderText } from './text.js';

export { layoutNetwork, type DiagramLayout, type LayoutOptions } from './layout.js';
export { renderText } from './text.js';
export { renderMermaid } from './mermaid.js';
export { renderSvg } from './svg.js';

export { DIAGRAM_FORMATS, isDiagramFormat, type DiagramFormat } from './formats.js';

/** Draw a laid-out network in a format; `width`: the text's columns. @default width 80 */
export function renderDiagram(layout: DiagramLayout, format: DiagramFormat, width = 80): string {
  return format === 'mermaid' ? renderMermaid(layout) : format === 'svg' ? renderSvg(layout) : renderText(layout, width);
}

/** Lay out and draw a network model in one call. */
export function drawNetwork(model: NetworkModel, format: DiagramFormat, options: LayoutOptions & { width?: number } = {}): string {
  return renderDiagram(layoutNetwork(model, options), format, options.width);
}
