const { execSync } = require('child_process');
execSync('npm version patch');
