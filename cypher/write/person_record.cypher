// Everything stored about one person (GDPR art. 15): the node's properties and, per round,
// roster membership, functions, the contacts they reported and those reported with them, and
// their political contacts. Other persons are given by person_id only; the caller decides how
// to show them. No row: no such person.
MATCH (p:Person {municipality: $municipality, person_id: $person_id})
RETURN properties(p) AS person,
  COLLECT {
    MATCH (p)-[m:IN_ROUND]->(r:SurveyRound)
    RETURN {round: r.label, responded: m.responded, unit: m.unit, role: m.role}
  } AS rosters,
  COLLECT {
    MATCH (p)-[c:COVERS]->(f:Function)
    RETURN {round: c.round, rank: c.rank, function: f.key}
  } AS functions,
  COLLECT {
    MATCH (p)-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->(q:Person)
    RETURN {round: t.round, type: type(t), other: q.person_id}
  } AS reported,
  COLLECT {
    MATCH (p)<-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]-(q:Person)
    RETURN {round: t.round, type: type(t), other: q.person_id}
  } AS reported_by_others,
  COLLECT {
    MATCH (p)-[c:POLITICAL_CONTACT]->(b:PoliticalBody)
    RETURN {round: c.round, body: b.name, kind: b.kind, contact_type: c.contact_type, frequency: c.frequency}
  } AS political
