import { synthesized } from '../test/helpers/stack.js';
import { readTerraformNetwork } from '../src/network/from-terraform.js';
import { layoutNetwork } from '../src/network/diagram/layout.js';
import { renderText } from '../src/network/diagram/text.js';
const answers = JSON.parse(process.argv[2] ?? '{}');
const width = Number(process.argv[3] ?? 80);
const { json } = await synthesized(answers);
const layout = layoutNetwork(readTerraformNetwork(json));
process.stdout.write(renderText(layout, width));
