// node validate.mjs <ftm.jsonl>: checks every entity against FollowTheMoney's model, property by property.
// Prints one JSON line per problem ({"id", "problem"}), then a summary line {"entities", "problems"}.
import { readFileSync } from 'node:fs';
import { Model, defaultModel } from '@alephdata/followthemoney';

const model = new Model(defaultModel);
const types = defaultModel.types;
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const entities = lines.map((l) => JSON.parse(l));
const ids = new Map(entities.map((e) => [e.id, e]));
let problems = 0;
const report = (id, problem) => {
  problems++;
  console.log(JSON.stringify({ id, problem }));
};
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/;

for (const e of entities) {
  if (typeof e.id !== 'string' || e.id.length === 0) report(e.id, 'no id');
  if (ids.get(e.id) !== e) report(e.id, 'duplicate id');
  let schema;
  try {
    schema = model.getSchema(e.schema);
  } catch (err) {
    report(e.id, `unknown schema ${e.schema}`);
    continue;
  }
  if (schema.abstract) report(e.id, `abstract schema ${e.schema}`);
  const props = schema.getProperties();
  for (const required of schema.required || []) {
    if (!e.properties[required] || e.properties[required].length === 0) report(e.id, `${e.schema}.${required} is required`);
  }
  for (const [name, values] of Object.entries(e.properties)) {
    const prop = props.get(name);
    if (!prop) {
      report(e.id, `${e.schema} has no property ${name}`);
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      report(e.id, `${name} is not a non-empty list`);
      continue;
    }
    for (const v of values) {
      if (typeof v !== 'string' || v.trim() === '') {
        report(e.id, `${name}: ${JSON.stringify(v)} is not a non-empty string`);
        continue;
      }
      const type = prop.type.name;
      if (type === 'date' && !DATE.test(v)) report(e.id, `${name}: ${v} is not an ISO date`);
      if (type === 'country' && !(v in types.country.values)) report(e.id, `${name}: ${v} is not a FtM country code`);
      if (type === 'topic' && !(v in types.topic.values)) report(e.id, `${name}: ${v} is not a FtM topic`);
      if (type === 'url' && !/^https?:\/\/\S+$/.test(v)) report(e.id, `${name}: ${v} is not a URL`);
      if (type === 'entity') {
        const target = ids.get(v);
        if (!target) {
          report(e.id, `${name}: ${v} is no entity of the file`);
        } else if (prop.hasRange && !model.getSchema(target.schema).isA(prop.getRange())) {
          report(e.id, `${name}: ${v} is a ${target.schema}, not a ${prop.getRange().name}`);
        }
      }
      if (prop.deprecated) report(e.id, `${name} is deprecated in FollowTheMoney`);
      if (prop.maxLength && v.length > prop.maxLength) report(e.id, `${name}: longer than ${prop.maxLength}`);
    }
  }
}
console.log(JSON.stringify({ entities: entities.length, problems }));
