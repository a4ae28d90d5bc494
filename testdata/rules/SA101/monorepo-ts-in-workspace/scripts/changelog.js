console.log('changelog');
