const { execSync } = require('child_process');
execSync('echo buildDocs');
