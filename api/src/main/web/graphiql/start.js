// Starts GraphiQL against this service's own /graphql. Editors add their token in the Headers tab:
// {"Authorization": "Bearer ..."}.
(function () {
  var defaultQuery = [
    '# Vendorwatch: a sourced database of the commercial surveillance industry.',
    '# Press the run button (or Ctrl-Enter). The Docs panel lists every type and field.',
    '{',
    '  vendor(slug: "nso-group") {',
    '    name',
    '    isSanctioned',
    '    names { name kind }',
    '    sanctionActions(first: 3) {',
    '      edges { node { authority { code } program { code } actionType effectiveOn citation } }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');
  // a link can carry a query: /graphiql?query=...&variables=... (handy to share a query with a colleague)
  var params = new URLSearchParams(window.location.search);
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: defaultQuery,
    query: params.get('query') || undefined,
    variables: params.get('variables') || undefined,
    shouldPersistHeaders: false
  }));
})();
