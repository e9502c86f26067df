// Swagger UI for the API description the server writes at /openapi.json. A file of its own
// because the Content-Security-Policy allows no inline script.
'use strict';
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  tryItOutEnabled: true,
  // The default shows a badge loaded from validator.swagger.io: no request leaves the machine.
  validatorUrl: null,
  // ?url=... and ?configUrl=... must not point the page at another API description.
  queryConfigEnabled: false,
});
