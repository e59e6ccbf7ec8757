/** The formats `net-wizard diagram --format` draws (a module of its own: the command line checks --format without loading the renderers). */
export const DIAGRAM_FORMATS = ['text', 'mermaid', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export const isDiagramFormat = (value: string): value is DiagramFormat => (DIAGRAM_FORMATS as readonly string[]).includes(value);
