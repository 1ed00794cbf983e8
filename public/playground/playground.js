/* global React, ReactDOM, GraphiQL, graphqlWs */
// Playground client: queries and mutations over HTTP, subscriptions over
// graphql-ws on the same URL. The Authorization header typed in the headers
// editor is sent with HTTP requests and in the WebSocket connection_init payload.
(function () {
  'use strict';
  var httpUrl = new URL('/graphql', window.location.href).toString();
  var wsUrl = httpUrl.replace(/^http/, 'ws');
  var wsClients = new Map();

  function authorizationOf(headers) {
    if (!headers) return undefined;
    for (var key in headers) {
      if (key.toLowerCase() === 'authorization') {
        var value = String(headers[key]).trim();
        // An empty "Bearer " placeholder means anonymous.
        return /^Bearer\s*$/i.test(value) || value === '' ? undefined : value;
      }
    }
    return undefined;
  }

  function wsClientFor(authorization) {
    var key = authorization || '';
    var client = wsClients.get(key);
    if (!client) {
      client = graphqlWs.createClient({
        url: wsUrl,
        lazy: true,
        retryAttempts: 3,
        connectionParams: authorization ? { authorization: authorization } : {},
      });
      wsClients.set(key, client);
    }
    return client;
  }

  function operationType(params, documentAST) {
    if (!documentAST) return 'query';
    var ops = documentAST.definitions.filter(function (d) {
      return d.kind === 'OperationDefinition';
    });
    var op = params.operationName
      ? ops.find(function (d) {
          return d.name && d.name.value === params.operationName;
        })
      : ops[0];
    return op ? op.operation : 'query';
  }

  function fetcher(params, opts) {
    var headers = (opts && opts.headers) || {};
    var authorization = authorizationOf(headers);
    if (operationType(params, opts && opts.documentAST) === 'subscription') {
      return wsClientFor(authorization).iterate({
        query: params.query,
        variables: params.variables,
        operationName: params.operationName,
      });
    }
    var sent = { 'content-type': 'application/json', accept: 'application/json' };
    for (var key in headers) {
      if (key.toLowerCase() !== 'authorization') sent[key] = headers[key];
    }
    if (authorization) sent.authorization = authorization;
    return fetch(httpUrl, { method: 'POST', headers: sent, body: JSON.stringify(params) }).then(
      function (response) {
        return response.json();
      },
    );
  }

  var defaultQuery = [
    '# Campus GraphQL API playground.',
    '# Sign in with the `login` mutation, then put the access token in the',
    '# Headers tab: { "Authorization": "Bearer <accessToken>" }.',
    '# Subscriptions run over WebSocket with the same header.',
    '',
    'query Hello {',
    '  serverTime',
    '}',
    '',
  ].join('\n');

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultHeaders: '{\n  "Authorization": "Bearer "\n}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
