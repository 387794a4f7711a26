// Delete one round's facts (roster membership, functions, contacts, political contacts) of
// one municipality; other rounds and municipalities are untouched. Persons and bodies left
// without any round are removed afterwards by delete_orphans.
MATCH (r:SurveyRound {municipality: $municipality, label: $round})
CALL (r) {
  MATCH (r)<-[membership:IN_ROUND]-(:Person)
  DELETE membership
}
CALL () {
  MATCH (:Person {municipality: $municipality})-[fact:DAILY|WEEKLY|MONTHLY|LESS_OFTEN|COVERS|POLITICAL_CONTACT]->()
  WHERE fact.round = $round
  DELETE fact
}
